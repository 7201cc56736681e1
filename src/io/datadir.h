/* Where huzhu's read-only files are at run time: the plan catalogue, the
 * common-password list and the console's web/ (with its front-end libraries).
 * An installed binary finds them next to itself (PREFIX/bin/huzhu ->
 * PREFIX/share/huzhu), so a copied or relocated prefix keeps working; a
 * binary in the build tree falls back to the source tree it was built from. */
#ifndef HZ_IO_DATADIR_H
#define HZ_IO_DATADIR_H

#include <stdbool.h>

typedef enum {
    HZ_DATA_CATALOGUE, /* catalogue/: the plans' JSON files */
    HZ_DATA_PASSWORDS, /* data/common-passwords.txt */
    HZ_DATA_WEB,       /* web/: the console */
} hz_data_item;

/* Names the data directory (--data-dir, HUZHU_DATA_DIR or the config file's
 * data-dir). Call before the first hz_data_dir() / hz_data_path(), before any
 * thread starts; a later call is ignored. dir is copied. */
void hz_data_dir_set(const char *dir);

/* The data directory: the one set, else PREFIX/share/huzhu when the running
 * executable sits in PREFIX/bin and that directory holds catalogue/, else
 * the source tree compiled in (HZ_SOURCE_DIR). Resolved once; thread-safe;
 * never NULL; the string lives as long as the process. */
const char *hz_data_dir(void);

/* True when the data directory came from next to the executable (an
 * installed tree), false when set or when it is the source tree. */
bool hz_data_dir_installed(void);

/* The path of one item under the data directory; same lifetime. */
const char *hz_data_path(hz_data_item item);

#endif
