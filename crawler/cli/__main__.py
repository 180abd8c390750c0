"""`python -m crawler.cli`: the same as the `cleancrawl` command."""

from crawler.cli.commands import main

if __name__ == "__main__":  # pytest's doctest collection imports this module too
    raise SystemExit(main())
