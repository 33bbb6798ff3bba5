/* atomic.c - write to a temporary file, flush, fsync, rename. */
#include "io/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void afile_release(mlp_afile *a)
{
    free(a->path);
    free(a->tmp);
    a->path = a->tmp = NULL;
    a->f = NULL;
}

mlp_status mlp_afile_check(const char *path)
{
    /* Renaming over a device, a directory or a link would replace it rather
     * than write to it: only regular files (or new names) are written. */
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (S_ISLNK(st.st_mode))
            return mlp_fail(MLP_ECANTCREAT, "%s: is a symbolic link; give the path of the file itself", path);
        if (!S_ISREG(st.st_mode))
            return mlp_fail(MLP_ECANTCREAT, "%s: not a regular file; mlp writes only to regular files", path);
    }
    /* The temporary file goes beside the target: its folder must take it. */
    size_t n = strlen(path);
    char *dir = mlp_alloc(n + 2, 1, path);
    if (!dir) return MLP_ENOMEM;
    memcpy(dir, path, n + 1);
    char *slash = strrchr(dir, '/');
    if (!slash) strcpy(dir, ".");
    else if (slash == dir) dir[1] = 0;
    else *slash = 0;
    int ok = access(dir, W_OK | X_OK) == 0;
    int e = errno;
    free(dir);
    if (!ok) return mlp_fail(MLP_ECANTCREAT, "%s: cannot create: %s", path, strerror(e));
    return MLP_OK;
}

mlp_status mlp_afile_open(mlp_afile *a, const char *path)
{
    memset(a, 0, sizeof *a);
    mlp_status s = mlp_afile_check(path);
    if (s != MLP_OK) return s;
    size_t n = strlen(path);
    a->path = mlp_alloc(n + 1, 1, path);
    a->tmp = mlp_alloc(n + 16, 1, path);
    if (!a->path || !a->tmp) { afile_release(a); return MLP_ENOMEM; }
    memcpy(a->path, path, n + 1);
    snprintf(a->tmp, n + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(a->tmp);
    if (fd < 0) {
        int e = errno;
        afile_release(a);
        return mlp_fail(MLP_ECANTCREAT, "%s: cannot create: %s", path, strerror(e));
    }
    /* mkstemp makes 0600 files; a model is an ordinary file (0666 & ~umask). */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    a->f = fdopen(fd, "wb");
    if (!a->f) {
        int e = errno;
        close(fd);
        unlink(a->tmp);
        afile_release(a);
        return mlp_fail(MLP_ECANTCREAT, "%s: cannot create: %s", path, strerror(e));
    }
    return MLP_OK;
}

mlp_status mlp_afile_write(mlp_afile *a, const void *buf, size_t len)
{
    if (a->failed) return MLP_EIO;
    if (len && fwrite(buf, 1, len, a->f) != len) {
        a->failed = errno ? errno : EIO;
        return mlp_fail(MLP_EIO, "%s: write failed: %s", a->path, strerror(a->failed));
    }
    return MLP_OK;
}

mlp_status mlp_afile_commit(mlp_afile *a)
{
    if (!a->f) return mlp_fail(MLP_EIO, "atomic file used after commit");
    int e = a->failed;
    if (!e && fflush(a->f) != 0) e = errno;
    if (!e && fsync(fileno(a->f)) != 0 && errno != EINVAL) e = errno;
    if (fclose(a->f) != 0 && !e) e = errno;
    a->f = NULL;
    if (!e && rename(a->tmp, a->path) != 0) e = errno;
    if (e) {
        unlink(a->tmp);
        mlp_status s = mlp_fail(MLP_EIO, "%s: write failed: %s", a->path, strerror(e));
        afile_release(a);
        return s;
    }
    afile_release(a);
    return MLP_OK;
}

void mlp_afile_abort(mlp_afile *a)
{
    if (a->f) {
        fclose(a->f);
        unlink(a->tmp);
    }
    afile_release(a);
}
