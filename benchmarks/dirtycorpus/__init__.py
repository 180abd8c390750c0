"""A generated corpus of dirty article pages that know their truth, and the scorer for it.

`generate.generate(seed, pages)` yields `page.Page` objects (HTML, text dump, body paragraphs, captions, neutral
lines and boilerplate strings); `score.score_page` scores one output against one page. The command is
`benchmarks/dirty_pages.py`.
"""
