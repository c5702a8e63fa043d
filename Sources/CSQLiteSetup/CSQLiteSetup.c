#include "CSQLiteSetup.h"

// From sqlite3.h (the system library GRDB links); declared here so that this target needs no
// header search path of its own.
int sqlite3_config(int, ...);
#define AITRACK_SQLITE_CONFIG_MEMSTATUS 9

int aitrack_sqlite_memstatus_off(void) {
    return sqlite3_config(AITRACK_SQLITE_CONFIG_MEMSTATUS, 0);
}
