import Database from "/work/wt-safe/node_modules/better-sqlite3/lib/index.js";
import { SqliteEventStore } from "/work/wt-safe/src/store/sqlite.ts";
import { pending } from "/work/wt-safe/test/support/events.ts";
const p = "/tmp/up-probe.db";
const s = new SqliteEventStore(p); await s.append("a",[pending("a",1)],"any"); await s.close();
const db = new Database(p); db.exec("ALTER TABLE events DROP COLUMN hash; DROP TABLE parley_meta; PRAGMA application_id = 0; PRAGMA user_version = 0;"); 
console.log(db.pragma("application_id"), db.pragma("user_version")); db.close();
try { new SqliteEventStore(p) } catch (e) { console.log(e) }
