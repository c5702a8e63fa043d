#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal of a given size and prints what it wrote (stdout and
stderr, as a terminal shows them), then exits with the command's status.

    pty_run.py COLUMNS COMMAND [ARG...]

The terminal is COLUMNS wide and 50 rows high (TIOCSWINSZ on the terminal before the command
starts); COLUMNS is not set in its environment, so the command finds the width from the
terminal itself. Line ends come back as the terminal sends them (\\r\\n), turned into \\n.
"""
import fcntl, os, pty, struct, sys, termios

def main() -> int:
    cols = int(sys.argv[1])
    argv = sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ)
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        # PTY_COLUMNS: a COLUMNS for the command (which it prefers to the terminal's size)
        if "PTY_COLUMNS" in env:
            env["COLUMNS"] = env.pop("PTY_COLUMNS")
        # the size is set by the child on its own terminal before the command starts (set by
        # the parent, it could come after the command looked)
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
        os.execvpe(argv[0], argv, env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(b"".join(chunks).replace(b"\r\n", b"\n"))
    return os.waitstatus_to_exitcode(status)

if __name__ == "__main__":
    sys.exit(main())
