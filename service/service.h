/* service.h: shared declarations of recourse-service, the reference service. */
#ifndef RECOURSE_SERVICE_H
#define RECOURSE_SERVICE_H

enum svc_exit {
	SVC_EXIT_OK = 0,
	SVC_EXIT_FAIL = 1,		/* the operation failed; a message says why */
	SVC_EXIT_USAGE = 64
};

struct svc_cmd {
	const char	*name;
	int		(*run)(int, char **);
	const char	*args;
	const char	*help;
};

extern const struct svc_cmd svc_commands[];

void	svc_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
