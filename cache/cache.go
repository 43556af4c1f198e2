// Package cache keeps the extraction of each article in an SQLite
// database, so that rebuilding a graph with other options (window, weight,
// filters, aliases) does not run the recognizer again, and adding articles
// to a corpus extracts only the new ones.
//
// The database is plain SQLite (written with the pure-Go modernc.org/sqlite,
// no cgo) and can be queried with the sqlite3 shell:
//
//	CREATE TABLE extractions (
//	  hash      BLOB NOT NULL,    -- SHA-256 of the title, a NUL byte and the text the extractor read
//	  extractor TEXT NOT NULL,    -- extract.Extractor.Version(): code, tables and model
//	  id TEXT, title TEXT, date TEXT, url TEXT, source TEXT,  -- the article it was first seen as
//	  words     INTEGER NOT NULL, -- word tokens
//	  doc       BLOB NOT NULL,    -- the extraction, in cograph's binary form (see codec.go)
//	  PRIMARY KEY (hash, extractor));
//	CREATE TABLE entities (
//	  hash BLOB NOT NULL, extractor TEXT NOT NULL,  -- the extraction it belongs to
//	  label TEXT NOT NULL, type TEXT NOT NULL,      -- canonical name and type in that article
//	  key TEXT NOT NULL,                            -- the key entities merge by across articles
//	  mentions INTEGER NOT NULL);                   -- mentions in that article
//
// The entities table has no index, to keep writing fast; add one for heavy
// querying (CREATE INDEX entities_key ON entities (key)). For example, the
// most mentioned people of a corpus:
//
//	SELECT label, sum(mentions) FROM entities WHERE type = 'person'
//	GROUP BY key ORDER BY 2 DESC LIMIT 20;
//
// Extractions made by another extractor version (another model, or after
// an upgrade) stay in the file and are not used; to reclaim the space:
//
//	DELETE FROM extractions WHERE extractor != 'VERSION';
//	DELETE FROM entities WHERE extractor != 'VERSION';  VACUUM;
package cache

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"cograph/corpus"
	"cograph/extract"
)

const schema = `
CREATE TABLE IF NOT EXISTS extractions (
  hash      BLOB NOT NULL,
  extractor TEXT NOT NULL,
  id TEXT, title TEXT, date TEXT, url TEXT, source TEXT,
  words     INTEGER NOT NULL,
  doc       BLOB NOT NULL,
  PRIMARY KEY (hash, extractor));
CREATE TABLE IF NOT EXISTS entities (
  hash BLOB NOT NULL, extractor TEXT NOT NULL,
  label TEXT NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL,
  mentions INTEGER NOT NULL);
`

// batch is how many extractions one transaction writes: large enough that
// SQLite's per-commit cost disappears, small enough that an interrupted
// run keeps nearly all its work.
const batch = 500

// A Cache is an open extraction cache for one extractor version. It
// implements extract.Memo: Recall may be called from many goroutines,
// Remember from one. Close writes what is pending.
type Cache struct {
	db      *sql.DB
	version string
	get     *sql.Stmt
	rows    map[[32]byte]int64 // the rowid of every extraction of this version, read at Open

	mu      sync.Mutex // guards the write side
	pending []entry
	written map[[32]byte]bool // keys remembered by this Cache: copies are written once
	writes  chan []entry      // batches for the writer goroutine
	done    chan error        // the writer's first error, when it ends

	// Hits and Misses count Recall's answers.
	hits, misses int64
	stats        sync.Mutex
}

var _ extract.Memo = (*Cache)(nil)

// entry is one extraction waiting to be written, encoded so that the
// document itself can be freed.
type entry struct {
	key      []byte
	article  corpus.Article // without its text
	words    int
	blob     []byte
	entities []entityRow
}

type entityRow struct {
	label, typ, key string
	mentions        int
}

// Open opens (creating it if needed) the cache at path for extractions made
// by the extractor of the given version.
func Open(path, version string) (*Cache, error) {
	// The pragmas in the name apply to every connection of the pool.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	// A few connections: the workers read in parallel (WAL lets readers
	// run beside the writer), while SQLite serialises the writer's
	// transactions itself.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("cache %s: %w (is it an SQLite file written by cograph?)", path, err)
	}
	get, err := db.Prepare(`SELECT doc FROM extractions WHERE rowid = ?`)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	rows, err := loadRows(db, version)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	c := &Cache{db: db, version: version, get: get, rows: rows, written: map[[32]byte]bool{},
		writes: make(chan []entry, 2), done: make(chan error, 1)}
	go c.writer()
	return c, nil
}

// loadRows reads where each extraction of the version is: a miss then
// costs no query, and a hit is one read by rowid (a few bytes each, so a
// million articles take tens of megabytes).
func loadRows(db *sql.DB, version string) (map[[32]byte]int64, error) {
	rs, err := db.Query(`SELECT hash, rowid FROM extractions WHERE extractor = ?`, version)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	rows := map[[32]byte]int64{}
	for rs.Next() {
		var h []byte
		var id int64
		if err := rs.Scan(&h, &id); err != nil {
			return nil, err
		}
		if len(h) == 32 {
			rows[[32]byte(h)] = id
		}
	}
	return rows, rs.Err()
}

// writer writes the batches Remember hands it, so that the extraction
// pipeline does not wait for SQLite. After an error it drains the rest.
func (c *Cache) writer() {
	var err error
	for b := range c.writes {
		if err == nil {
			err = c.write(b)
		}
	}
	c.done <- err
}

// Key is the hash an article's extraction is stored under: its title and
// text, which are all the extractor reads.
func Key(a *corpus.Article) []byte {
	h := sha256.New()
	h.Write([]byte(a.Title))
	h.Write([]byte{0})
	h.Write([]byte(a.Text))
	return h.Sum(nil)
}

// Recall returns the stored extraction of a, with a as its article. A
// missing, unreadable or damaged entry is a miss: the article is extracted
// again and the entry replaced.
func (c *Cache) Recall(a *corpus.Article) (*extract.Document, bool) {
	var d *extract.Document
	id, ok := c.rows[[32]byte(Key(a))]
	err := errCorrupt
	if ok {
		var blob []byte
		if err = c.get.QueryRow(id).Scan(&blob); err == nil {
			d, err = decode(blob)
		}
	}
	c.stats.Lock()
	defer c.stats.Unlock()
	if err != nil {
		c.misses++
		return nil, false
	}
	c.hits++
	d.Article = a
	return d, true
}

// Remember queues d's extraction for writing; every batch documents it
// writes them in one transaction.
func (c *Cache) Remember(d *extract.Document) error {
	key := Key(d.Article)
	// Encoded before taking the lock, so that workers encode in parallel.
	e := entry{key: key, article: *d.Article, words: d.Words, blob: encode(nil, d)}
	e.article.Text = ""
	e.entities = make([]entityRow, 0, len(d.Entities))
	for _, en := range d.Entities {
		e.entities = append(e.entities, entityRow{en.Label, en.Type, en.Key, len(en.Mentions)})
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.written[[32]byte(key)] {
		return nil // the same text read twice in this run
	}
	c.written[[32]byte(key)] = true
	c.pending = append(c.pending, e)
	if len(c.pending) >= batch {
		c.writes <- c.pending
		c.pending = nil
	}
	return nil
}

// Stats returns how many articles Recall found and did not find.
func (c *Cache) Stats() (hits, misses int64) {
	c.stats.Lock()
	defer c.stats.Unlock()
	return c.hits, c.misses
}

// Close writes the pending extractions and closes the database.
func (c *Cache) Close() error {
	c.mu.Lock()
	if len(c.pending) > 0 {
		c.writes <- c.pending
		c.pending = nil
	}
	close(c.writes)
	c.mu.Unlock()
	err := <-c.done
	c.get.Close()
	return errors.Join(err, c.db.Close())
}

// entityRows is how many entity rows one INSERT writes: each statement
// costs far more than a row, and articles name a few dozen entities each.
const entityRows = 100

// writeEntities inserts the entity rows of the batch, entityRows at a time.
func (c *Cache) writeEntities(tx *sql.Tx, pending []entry) error {
	query := func(rows int) string {
		return "INSERT INTO entities (hash, extractor, label, type, key, mentions) VALUES (?, ?, ?, ?, ?, ?)" +
			strings.Repeat(", (?, ?, ?, ?, ?, ?)", rows-1)
	}
	var bulk *sql.Stmt // prepared once per batch, used for every full group
	var args []any
	insert := func(rows int) error {
		var err error
		switch {
		case rows < entityRows:
			_, err = tx.Exec(query(rows), args...)
		case bulk == nil:
			if bulk, err = tx.Prepare(query(rows)); err == nil {
				_, err = bulk.Exec(args...)
			}
		default:
			_, err = bulk.Exec(args...)
		}
		args = args[:0]
		return err
	}
	for _, p := range pending {
		for _, e := range p.entities {
			args = append(args, p.key, c.version, e.label, e.typ, e.key, e.mentions)
			if len(args) == 6*entityRows {
				if err := insert(entityRows); err != nil {
					return err
				}
			}
		}
	}
	if len(args) > 0 {
		return insert(len(args) / 6)
	}
	return nil
}

// write writes a batch of extractions in one transaction.
func (c *Cache) write(pending []entry) error {
	tx, err := c.db.Begin()
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	defer tx.Rollback() // after Commit, a no-op
	put, err := tx.Prepare(`INSERT OR REPLACE INTO extractions (hash, extractor, id, title, date, url, source, words, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	for _, p := range pending {
		a := &p.article
		if _, err := put.Exec(p.key, c.version, a.ID, a.Title, a.Date, a.URL, a.Source, p.words, p.blob); err != nil {
			return fmt.Errorf("cache: %w", err)
		}
	}
	if err := c.writeEntities(tx, pending); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
