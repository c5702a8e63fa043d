#ifndef CSQLITESETUP_H
#define CSQLITESETUP_H

/// Turns off SQLite's memory statistics for the process (SQLITE_CONFIG_MEMSTATUS): with them on,
/// every allocation SQLite makes takes a global mutex to count it. Must run before SQLite is
/// first used; returns SQLite's result code (SQLITE_MISUSE, 21, when it is too late).
/// sqlite3_config is variadic, which Swift cannot call: hence this C function.
int aitrack_sqlite_memstatus_off(void);

#endif
