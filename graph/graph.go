package graph

// Entity types. The recognizer's labels map onto these; they are the values
// of Node.Type and of the --types flag.
const (
	Person       = "person"
	Organization = "organization"
	Event        = "event"
	Place        = "place"
)

// A Node is one real-world entity in the co-mention graph.
type Node struct {
	ID        int64    // dense, 0-based, assigned in order of first appearance
	Label     string   // canonical name
	Type      string   // Person, Organization, Event or Place
	Aliases   []string // every surface form seen, sorted, Label included
	Mentions  int      // number of mentions over all articles
	Documents int      // number of articles mentioning the entity
	FirstSeen string   // earliest date of an article mentioning it (YYYY-MM-DD), "" when no article is dated
	LastSeen  string   // latest such date
	Dates     []string // every distinct date of those articles, sorted (for dynamic graphs)

	// Metrics, filled by ComputeMetrics.
	Degree         int
	WeightedDegree float64
	PageRank       float64
	Betweenness    float64 // normalised to [0,1]; -1 when not computed (graph too large)
	Community      int     // Louvain community, numbered from 0 by size
	Component      int     // connected component, numbered from 0 by size
}

// An Edge joins two entities that occur in the same window.
type Edge struct {
	Source, Target int64      // node IDs, Source < Target
	Weight         float64    // the weight the Filter asked for (Count by default)
	Count          float64    // number of windows in which both entities occur
	Documents      int        // number of articles in which they co-occur
	Relation       string     // roles the text gives one in the other ("chairman"), sorted, joined with "; "
	Articles       []*Article // the first Builder.Cite articles in which they co-occur (elements of Graph.Articles), in input order
	Evidence       []string   // up to Builder.Evidence sentences naming both, in input order

	arts []int32 // builder article indexes, until citeArticles
}

// An Article is what the graph records of an article its edges cite.
type Article struct {
	ID, Title, URL, Date string
}

// A Graph is the finished, filtered co-mention graph. Nodes are sorted by ID
// and Edges by (Source, Target), so every export of it is deterministic.
type Graph struct {
	Nodes    []Node
	Edges    []Edge
	Articles []Article // the articles the edges cite, in input order
	Weight   Weighting // how Edge.Weight was computed
	Dynamic  bool      // export node and edge spells (Node.Dates, the edges' article dates)
}
