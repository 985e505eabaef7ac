"""Field and topic extraction: tag project and publication text with fields and free topics.

catalog.py    the field tree the extractor matches against (from the graph or shared data)
language.py   which tokenizer a text gets (Vietnamese or English), by a cheap heuristic
gazetteer.py  spaCy PhraseMatcher over field names and curated keywords (NFC and folded forms)
embedding.py  nearest field by sentence embedding, for text no keyword matches
topics.py     free topics: keyword hits and phrases that repeat across the corpus
pipeline.py   the combined extractor (gazetteer first, embedding as fallback)
apply.py      runs the extractor over the graph and writes its links
"""
