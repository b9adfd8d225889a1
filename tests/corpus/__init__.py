"""The layout corpus: synthetic issues reassembled from the seeds' gold-labelled articles.

`bank.json` holds the clean articles (built once from the seeds and their gold labels by
`bank.py`); `generate.py` draws every layout dimension of the genre independently and renders
an issue's OCR-like text with its gold; `scoring.py` compares what publish reads with that gold.
"""
