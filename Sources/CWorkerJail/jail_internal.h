// Helpers shared by the jail's C files (not part of the module's interface).
#ifndef CWORKERJAIL_INTERNAL_H
#define CWORKERJAIL_INTERNAL_H

/// mkdir -p with mode 0755 for each missing component. 0, or -1 with errno.
int hvsh_jail_make_path(const char *path);

#endif
