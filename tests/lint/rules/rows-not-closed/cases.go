package rows

import (
	"context"
	"database/sql"
	"errors"
)

// P4-5: early return before iterating.
func p45(db *sql.DB, limit int) error {
	rows, err := db.Query("select 1") // want "rows-not-closed"
	if err != nil {
		return err
	}
	if limit == 0 {
		return nil
	}
	for rows.Next() {
	}
	return rows.Close()
}

// P4-7: return inside the Next loop with no Close anywhere.
func p47(db *sql.DB) error {
	rows, err := db.Query("q") // want "rows-not-closed"
	if err != nil {
		return err
	}
	for rows.Next() {
		var x int
		if err := rows.Scan(&x); err != nil {
			return err
		}
	}
	return rows.Err()
}

func breakOut(ctx context.Context, tx *sql.Tx) (int, error) {
	rows, err := tx.QueryContext(ctx, "q") // want "rows-not-closed"
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 10 {
			break
		}
	}
	return n, nil
}

func discardedRows(db *sql.DB) error {
	_, err := db.Query("delete from t") // want "rows-not-closed"
	return err
}

func stmtLeak(db *sql.DB, ids []int) error {
	stmt, err := db.Prepare("select ?") // want "rows-not-closed"
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.Exec(id); err != nil {
			return err
		}
	}
	return stmt.Close()
}

func stmtCtx(ctx context.Context, conn *sql.Conn) error {
	stmt, err := conn.PrepareContext(ctx, "q") // want "rows-not-closed"
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx)
	return err
}

func noIteration(db *sql.DB) (bool, error) {
	rows, err := db.Query("q") // want "rows-not-closed"
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

func onlyOnError(db *sql.DB) error {
	rows, err := db.Query("q") // want "rows-not-closed"
	if err != nil {
		return err
	}
	if !rows.Next() {
		rows.Close()
		return errors.New("empty")
	}
	return nil
}

// ---- negative cases

func deferred(db *sql.DB) error {
	rows, err := db.Query("q") // ok: deferred close
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var x int
		if err := rows.Scan(&x); err != nil {
			return err
		}
	}
	return rows.Err()
}

// P4-6: a full iteration closes the rows.
func p46(db *sql.DB) error {
	rows, err := db.Query("q") // ok: Next() returning false closes the rows
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return rows.Err()
}

func closeRows(r *sql.Rows) { _ = r.Close() }

func viaHelper(db *sql.DB) error {
	rows, err := db.Query("q") // ok: closeRows closes its parameter
	if err != nil {
		return err
	}
	defer closeRows(rows)
	return nil
}

func returned(db *sql.DB) (*sql.Rows, error) {
	rows, err := db.Query("q") // ok: returned to the caller
	if err != nil {
		return nil, err
	}
	return rows, nil
}

type repo struct{ byID *sql.Stmt }

func (r *repo) prepare(db *sql.DB) error {
	stmt, err := db.Prepare("select ?") // ok: stored in a field
	if err != nil {
		return err
	}
	r.byID = stmt
	return nil
}

func stmtDeferred(db *sql.DB) error {
	stmt, err := db.Prepare("q") // ok: deferred close
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.Exec()
	return err
}

func everyPath(db *sql.DB, one bool) error {
	rows, err := db.Query("q") // ok: closed on both paths
	if err != nil {
		return err
	}
	if one {
		rows.Close()
		return nil
	}
	return rows.Close()
}

type values struct{}

func (values) Query(k string) (string, bool) { return "", false }

func notSQL(v values) string {
	s, ok := v.Query("k") // ok: a local type's Query, not database/sql
	if !ok {
		return ""
	}
	return s
}

func scanAll(rows *sql.Rows) error {
	defer rows.Close()
	return nil
}

func handedToScanner(db *sql.DB) error {
	rows, err := db.Query("q") // ok: scanAll closes its parameter
	if err != nil {
		return err
	}
	return scanAll(rows)
}

func txStatement(db *sql.DB) error {
	t, err := db.Begin()
	if err != nil {
		return err
	}
	stmt, err := t.Prepare("q") // ok: closed by the transaction's Commit/Rollback
	if err != nil {
		return err
	}
	if _, err := stmt.Exec(); err != nil {
		return t.Rollback()
	}
	return t.Commit()
}

// The caller cancelled ctx and asserts the query fails with that error: no rows to close.
func expectCanceled(ctx context.Context, db *sql.DB, report func(error)) {
	if _, err := db.QueryContext(ctx, "select sleep(1)"); err != context.Canceled { // ok: expected to fail
		report(err)
	}
	_, err := db.PrepareContext(ctx, "select 1") // ok: expected to fail with context.Canceled
	if !errors.Is(err, context.Canceled) {
		report(err)
	}
}

// Comparing against a specific error with == does not say the call is expected to fail.
func tolerateCanceled(ctx context.Context, db *sql.DB) {
	if _, err := db.QueryContext(ctx, "q"); err == context.Canceled { // want "rows-not-closed"
		return
	}
}
