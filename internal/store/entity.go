package store

import (
	"context"
	"strings"

	"github.com/storyline/storyline/internal/model"
)

// Entity is a canonical entity resolved across documents.
type Entity struct {
	ID       int64    `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases"`
	Mentions int      `json:"mentions"`
}

// EntityCandidate is an entity found by key or alias during resolution.
type EntityCandidate struct {
	ID       int64
	Name     string
	Type     string
	Mentions int
}

// EntitiesByKey returns entities whose own key or one of whose alias keys
// equals key, most mentioned first.
func (t *Tx) EntitiesByKey(ctx context.Context, key string) ([]EntityCandidate, error) {
	rows, err := t.QueryContext(ctx, `
		SELECT id, name, type, mentions FROM entities WHERE key = ?
		UNION
		SELECT e.id, e.name, e.type, e.mentions FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.alias = ?
		ORDER BY 4 DESC, 1`, key, "key:"+key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []EntityCandidate
	for rows.Next() {
		var c EntityCandidate
		if err := rows.Scan(&c.ID, &c.Name, &c.Type, &c.Mentions); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// EntitiesNamed returns the entities a name's key stands for, most
// mentioned first: of the entities that go by it, as their own key or as
// an alias, those mentioned at least a tenth as often as the most
// mentioned (at most maxEntitiesNamed). A short name is an alias of every
// longer one it is part of ("bp" of thousands), and the tagger leaves
// rare mistyped entities under a bare surname ("Obama" the place): the
// reader means the entities the reports keep naming.
func (s *Store) EntitiesNamed(ctx context.Context, key string) ([]int64, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT id, mentions FROM entities WHERE key = ?
		UNION
		SELECT e.id, e.mentions FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.alias = ?
		ORDER BY 2 DESC, 1 LIMIT ?`, key, "key:"+key, maxEntitiesNamed)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	var most int64
	for rows.Next() {
		var id, mentions int64
		if err := rows.Scan(&id, &mentions); err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			most = mentions
		} else if mentions*10 < most {
			break
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// maxEntitiesNamed bounds the entities a name stands for.
const maxEntitiesNamed = 20

// EntityKeys calls fn with every key entities are looked up by: their own
// keys and their "key:" aliases, without the prefix.
func (t *Tx) EntityKeys(ctx context.Context, fn func(key string)) error {
	rows, err := t.QueryContext(ctx, `
		SELECT key FROM entities
		UNION ALL
		SELECT substr(alias, 5) FROM entity_aliases WHERE alias >= 'key:' AND alias < 'key;'`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return err
		}
		fn(key)
	}
	return rows.Err()
}

// NewEntity is an entity to create under an id from ReserveEntityID.
type NewEntity struct {
	ID              int64
	Name, Type, Key string
}

// ReserveEntityID returns an id for an entity this transaction will
// create with InsertEntities.
func (t *Tx) ReserveEntityID(ctx context.Context) (int64, error) {
	return t.reserveID(ctx, "entities")
}

// InsertEntities creates entities under reserved ids.
func (t *Tx) InsertEntities(ctx context.Context, entities []NewEntity) error {
	return t.execRows(ctx, `INSERT INTO entities (id, name, type, key) VALUES `, 4, ``, len(entities), rowsPerStatement,
		func(args []any, i int) []any {
			e := entities[i]
			return append(args, e.ID, e.Name, e.Type, e.Key)
		})
}

// RenameEntity gives an entity a fuller name ("Maria Lopez" once a
// report spells out what earlier ones called "Lopez").
func (t *Tx) RenameEntity(ctx context.Context, id int64, name, key string) error {
	_, err := t.ExecContext(ctx, `UPDATE entities SET name = ?, key = ? WHERE id = ?`, name, key, id)
	return err
}

// RetypeEntity changes an entity's type: a bare name first read as a
// person that later reports use as a place.
func (t *Tx) RetypeEntity(ctx context.Context, id int64, typ string) error {
	_, err := t.ExecContext(ctx, `UPDATE entities SET type = ? WHERE id = ?`, typ, id)
	return err
}

// Alias is one surface form of an entity; aliases prefixed "key:" are
// lookup keys, not shown to readers.
type Alias struct {
	EntityID int64
	Alias    string
}

// AddAliases records aliases of entities, many at once: a report brings
// dozens, and one statement each would cost more than writing them.
func (t *Tx) AddAliases(ctx context.Context, aliases []Alias) error {
	return t.execRows(ctx, `INSERT OR IGNORE INTO entity_aliases (alias, entity_id) VALUES `, 2, ``, len(aliases), rowsPerStatement,
		func(args []any, i int) []any { return append(args, aliases[i].Alias, aliases[i].EntityID) })
}

// InsertMentions stores an article's mentions of resolved entities,
// entityIDs[i] being the entity of mentions[i], and counts them on their
// entities and, with a story, among the story's entities. Many rows per
// statement keep this cheap for long articles.
func (t *Tx) InsertMentions(ctx context.Context, articleID, storyID int64, mentions []model.Mention, entityIDs []int64) error {
	err := t.execRows(ctx, `INSERT OR IGNORE INTO mentions (article_id, start, end, text, type, role, entity_id) VALUES `, 7, ``,
		len(mentions), rowsPerStatement, func(args []any, i int) []any {
			m := mentions[i]
			return append(args, articleID, m.Start, m.End, m.Text, m.Type, m.Role, entityIDs[i])
		})
	if err != nil {
		return err
	}
	counts := map[int64]int{}
	var order []int64
	for _, id := range entityIDs {
		if counts[id] == 0 {
			order = append(order, id)
		}
		counts[id]++
	}
	err = t.execRows(ctx, `UPDATE entities SET mentions = mentions + c.column2 FROM (VALUES `, 2, `) AS c WHERE entities.id = c.column1`,
		len(order), rowsPerStatement, func(args []any, i int) []any { return append(args, order[i], counts[order[i]]) })
	if err != nil || storyID == 0 {
		return err
	}
	return t.execRows(ctx, `INSERT INTO story_entities (story_id, entity_id, mentions) VALUES `, 3,
		` ON CONFLICT (story_id, entity_id) DO UPDATE SET mentions = mentions + excluded.mentions`,
		len(order), rowsPerStatement, func(args []any, i int) []any { return append(args, storyID, order[i], counts[order[i]]) })
}

// Entities lists entities with their reader-facing aliases, most
// mentioned first; storyID restricts them to one story's articles.
func (s *Store) Entities(ctx context.Context, storyID int64, limit int) ([]Entity, error) {
	q := `SELECT id, name, type, mentions FROM entities ORDER BY mentions DESC, id`
	args := []any{}
	if storyID != 0 {
		q = `SELECT e.id, e.name, e.type, se.mentions FROM story_entities se JOIN entities e ON e.id = se.entity_id
			WHERE se.story_id = ? ORDER BY 4 DESC, e.id`
		args = append(args, storyID)
	}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	var out []Entity
	for rows.Next() {
		var e Entity
		if err := rows.Scan(&e.ID, &e.Name, &e.Type, &e.Mentions); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		aliases, err := s.aliases(ctx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].Aliases = aliases
	}
	return out, nil
}

func (s *Store) aliases(ctx context.Context, id int64) ([]string, error) {
	all, err := queryColumn[string](ctx, s.read, `SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias`, id)
	out := []string{}
	for _, a := range all {
		if !strings.HasPrefix(a, "key:") {
			out = append(out, a)
		}
	}
	return out, err
}
