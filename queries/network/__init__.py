"""The innovation collaboration network: projections of the graph, their measures, gaps and suggestions.

filters.py      which projection and which slice of the graph (period, sector, field, province)
projections.py  the Cypher that reads ties out of Neo4j and the weights put on them
ties.py         the pairs of each project or paper, formed and weighted in numpy
pairwise.py     the former pair-expanding Cypher, the reference the projections are tested against
measures.py     degree, strength, PageRank, betweenness, components, communities (igraph, Leiden)
analysis.py     a projection with its measures and graph version, through the cache
ego.py          the nodes within a few ties of one node
summaries.py    per-community summaries and brokers
gaps.py         what is missing: lone enterprises and intellectuals, unmet demand, untied groups
suggestions.py  whom to introduce to whom (Adamic–Adar plus shared fields), with the reason
cache.py        results kept per graph version, recomputed when the data changes
export.py       GraphML and GEXF (Gephi), CSV (Excel)
pictures.py     SVG drawings of an ego network and of the communities
"""
