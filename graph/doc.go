// Package graph builds the weighted co-mention graph of the entities that
// package extract finds: one node per entity, and an edge between two
// entities for every window (document, paragraph or sentence) in which both
// occur. It computes the graph metrics that exports carry (degree, PageRank,
// betweenness, communities, components) on gonum, deterministically: the
// same input always gives the same graph, numbers included.
package graph
