"""`python -m crawler.cli`: the same as the `cleancrawl` command."""

from crawler.cli.commands import main

raise SystemExit(main())
