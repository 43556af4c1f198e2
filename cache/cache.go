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
//	CREATE TABLE files (
//	  digest BLOB NOT NULL,     -- corpus.Article.Digest: the reader's version, format and file bytes
//	  extractor TEXT NOT NULL,
//	  hash BLOB NOT NULL,       -- the extraction that file gave
//	  PRIMARY KEY (digest, extractor));
//
// With the files table a rebuild does not even read its files into
// articles: the reader asks Known about each file's digest and passes the
// files it knows on unread (corpus.Options.Known), and Recall finds their
// extraction through the table.
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
	"context"
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
CREATE TABLE IF NOT EXISTS files (
  digest BLOB NOT NULL, extractor TEXT NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (digest, extractor));
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
	files   map[[32]byte]int64 // by file digest, the rowid of the extraction it gave, read at Open
	getFile *sql.Stmt

	mu      sync.Mutex // guards the write side
	pending []entry
	written map[[32]byte]bool // keys remembered by this Cache: copies are written once
	filed   map[[32]byte]bool // file digests queued by this Cache
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
	blob     []byte // nil: only the files row is written
	entities []entityRow
	digest   [32]byte // the file the extraction came from; zero if none
}

type entityRow struct {
	label, typ, key string
	mentions        int
}

// Open opens (creating it if needed) the cache at path for extractions made
// by the extractor of the given version.
func Open(path, version string) (*Cache, error) {
	// The pragmas in the name apply to every connection of the pool.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	// A few connections: the workers read in parallel (WAL lets readers
	// run beside the writer), while SQLite serialises the writer's
	// transactions itself.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	if err := setup(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("cache %s: %w (is it an SQLite file written by cograph?)", path, err)
	}
	get, err := db.Prepare(`SELECT doc FROM extractions WHERE rowid = ?`)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	getFile, err := db.Prepare(`SELECT doc, title, date, url FROM extractions WHERE rowid = ?`)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	rows, err := loadRows(db, `SELECT hash, rowid FROM extractions WHERE extractor = ?`, version)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	files, err := loadRows(db, `SELECT f.digest, e.rowid FROM files f
		JOIN extractions e ON e.hash = f.hash AND e.extractor = f.extractor WHERE f.extractor = ?`, version)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	c := &Cache{db: db, version: version, get: get, getFile: getFile, rows: rows, files: files,
		written: map[[32]byte]bool{}, filed: map[[32]byte]bool{},
		writes: make(chan []entry, 2), done: make(chan error, 1)}
	go c.writer()
	return c, nil
}

// setup creates the tables, on one connection: a new file first gets
// 64 KB pages (a tenth of the system calls 4 KB pages cost to write a few
// hundred megabytes of extractions) and then the write-ahead log, which
// the file keeps for every later connection. Both pragmas must come in
// this order, before any table, to take effect; on an existing file the
// page size stays what it was.
func setup(db *sql.DB) error {
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range []string{`PRAGMA page_size = 65536`, `PRAGMA journal_mode = WAL`, schema} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// loadRows reads where each extraction of the version is: a miss then
// costs no query, and a hit is one read by rowid (a few bytes each, so a
// million articles take tens of megabytes).
func loadRows(db *sql.DB, query, version string) (map[[32]byte]int64, error) {
	rs, err := db.Query(query, version)
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
	if a.Deferred() {
		return c.recallFile(a)
	}
	var d *extract.Document
	key := Key(a)
	id, ok := c.rows[[32]byte(key)]
	err := errCorrupt
	if ok {
		var blob []byte
		if err = c.get.QueryRow(id).Scan(&blob); err == nil {
			d, err = decode(blob)
		}
	}
	if !c.count(err == nil) {
		return nil, false
	}
	if _, known := c.files[a.Digest]; !known && a.Digest != ([32]byte{}) {
		// Read from a file the table does not list yet (cached before
		// the files table, or the same text in another file): list it,
		// so that next time the file is not even read.
		c.queue(entry{key: key, digest: a.Digest})
	}
	d.Article = a
	return d, true
}

// recallFile is Recall for a deferred article. The article keeps its
// identity (ID, Source: where the file is now) and gets the rest from the
// row; its text is not needed any more.
func (c *Cache) recallFile(a *corpus.Article) (*extract.Document, bool) {
	var d *extract.Document
	id, ok := c.files[a.Digest]
	err := errCorrupt
	if ok {
		var blob []byte
		var title, date, url sql.NullString
		if err = c.getFile.QueryRow(id).Scan(&blob, &title, &date, &url); err == nil {
			d, err = decode(blob)
		}
		a.Title, a.Date, a.URL = title.String, date.String, url.String
	}
	if !c.count(err == nil) {
		return nil, false
	}
	d.Article = a
	return d, true
}

// Known reports whether the cache holds the extraction of the file with
// this digest; it is corpus.Options.Known for a run with this cache.
func (c *Cache) Known(digest [32]byte) bool {
	_, ok := c.files[digest]
	return ok
}

// count counts a hit or a miss and returns hit.
func (c *Cache) count(hit bool) bool {
	c.stats.Lock()
	defer c.stats.Unlock()
	if hit {
		c.hits++
	} else {
		c.misses++
	}
	return hit
}

// Remember queues d's extraction for writing; the writer goroutine writes
// each batch of them in one transaction.
func (c *Cache) Remember(d *extract.Document) error {
	key := Key(d.Article)
	// Encoded before taking the lock, which Recall takes too (on the
	// workers) to list files.
	e := entry{key: key, article: *d.Article, words: d.Words, blob: encode(nil, d), digest: d.Article.Digest}
	e.article.Text = ""
	e.entities = make([]entityRow, 0, len(d.Entities))
	for _, en := range d.Entities {
		e.entities = append(e.entities, entityRow{en.Label, en.Type, en.Key, len(en.Mentions)})
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.written[[32]byte(key)] {
		// The same text read twice in this run: only its file is new.
		if e.digest != ([32]byte{}) {
			c.queueLocked(entry{key: key, digest: e.digest})
		}
		return nil
	}
	c.written[[32]byte(key)] = true
	c.queueLocked(e)
	return nil
}

// queue adds e to the batch being filled.
func (c *Cache) queue(e entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.queueLocked(e)
}

func (c *Cache) queueLocked(e entry) {
	if e.blob == nil {
		if c.filed[e.digest] {
			return
		}
		c.filed[e.digest] = true
	}
	c.pending = append(c.pending, e)
	if len(c.pending) >= batch {
		c.writes <- c.pending
		c.pending = nil
	}
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
	c.getFile.Close()
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
	file, err := tx.Prepare(`INSERT OR REPLACE INTO files (digest, extractor, hash) VALUES (?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	for _, p := range pending {
		a := &p.article
		if p.blob != nil {
			if _, err := put.Exec(p.key, c.version, a.ID, a.Title, a.Date, a.URL, a.Source, p.words, p.blob); err != nil {
				return fmt.Errorf("cache: %w", err)
			}
		}
		if p.digest != ([32]byte{}) {
			if _, err := file.Exec(p.digest[:], c.version, p.key); err != nil {
				return fmt.Errorf("cache: %w", err)
			}
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
