#ifndef ROLLOUT_SIM_CSQLITE_SHIM_H
#define ROLLOUT_SIM_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type rollout_sim_sqlite_transient(void) {
  return (sqlite3_destructor_type)-1;
}
#endif
