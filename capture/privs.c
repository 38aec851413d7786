/* Dropping root after the capture socket is open (-Z user).
 *
 * Order matters: supplementary groups first (initgroups needs privileges), then the group,
 * then the user; setuid last, because after it the process can no longer change its groups.
 * The result is checked by trying to get root back: if that works, the drop did not happen. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "capture/live.h"

int ns_user_ids(const char *user, unsigned *uid, unsigned *gid)
{
	struct passwd *pw = getpwnam(user);
	if (!pw)
		return -1;
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

int ns_drop_privileges(const char *user, char *msg, size_t msgsize)
{
	struct passwd *pw = getpwnam(user);
	if (!pw) {
		snprintf(msg, msgsize, "Couldn't find user '%.32s'", user);
		return -1;
	}
	if (initgroups(pw->pw_name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		snprintf(msg, msgsize, "Couldn't change to '%.32s' uid=%lu gid=%lu: %s", user,
			 (unsigned long)pw->pw_uid, (unsigned long)pw->pw_gid, strerror(errno));
		return -1;
	}
	if (pw->pw_uid != 0 && setuid(0) == 0) {
		snprintf(msg, msgsize, "Couldn't change to '%.32s': root could be regained", user);
		return -1;
	}
	return 0;
}
