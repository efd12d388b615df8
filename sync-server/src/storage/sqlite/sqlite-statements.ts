/** The base of the SQLite stores: one connection, prepared statements cached by their SQL text. */
import type Database from 'better-sqlite3';

export class SqliteStatements {
  protected readonly db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.db = db;
  }

  protected sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }
}
