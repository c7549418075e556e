"""Before `make run` starts the development server: is the port free, and if not, who holds it."""

import errno
import os
import platform
import shutil
import socket
import subprocess
import sys
from pathlib import Path

HOST = "127.0.0.1"
LISTEN_STATE = "0A"  # TCP_LISTEN in /proc/net/tcp


def port_is_free(port: int, host: str = HOST) -> bool:
    """True when the development server could bind host:port now (as Werkzeug binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return False
            raise
    return True


def listening_inodes(port: int, proc: Path = Path("/proc")) -> set[str]:
    """Socket inodes listening on the port, read from /proc/net/tcp and tcp6 (Linux)."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (proc / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == LISTEN_STATE and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes


def _program(pid: str, proc: Path) -> str:
    """The command line of a process, shortened for a message."""
    try:
        args = (proc / pid / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return f"PID {pid}"
    command = " ".join(arg.decode(errors="replace") for arg in args if arg)
    return f"{command[:120]} (PID {pid})" if command else f"PID {pid}"


def holder_from_proc(port: int, proc: Path = Path("/proc")) -> str | None:
    """The program listening on the port, found through /proc (only processes we may inspect)."""
    targets = {f"socket:[{inode}]" for inode in listening_inodes(port, proc)}
    if not targets:
        return None
    for pid_dir in proc.iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            links = {os.readlink(fd) for fd in (pid_dir / "fd").iterdir()}
        except OSError:
            continue
        if links & targets:
            return _program(pid_dir.name, proc)
    return None


def holder_from_lsof(port: int) -> str | None:
    """The program listening on the port according to lsof (macOS, BSD), if lsof is there."""
    lsof = shutil.which("lsof")
    if lsof is None:
        return None
    try:
        found = subprocess.run(  # noqa: S603 (a fixed program and arguments; the port is an int)
            [lsof, "-nP", f"-iTCP:{port}", "-sTCP:LISTEN", "-Fpc"], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None
    fields = {line[0]: line[1:] for line in found.stdout.splitlines() if line}
    return f"{fields['c']} (PID {fields.get('p', '?')})" if "c" in fields else None


def port_holder(port: int) -> str | None:
    """Which program holds the port, as far as this machine lets us see."""
    return holder_from_proc(port) or holder_from_lsof(port)


def busy_port_message(port: int, holder: str | None, system: str | None = None) -> str:
    """What to tell the person at `make run`, in Vietnamese then English."""
    other = 8000 if port != 8000 else 8080
    who_vi = f"Chương trình đang giữ cổng: {holder}" if holder else "Không xem được chương trình nào đang giữ cổng."
    who_en = f"Held by: {holder}" if holder else "The program holding it could not be seen."
    lines = [
        f"Cổng {port} đang bận, nên chưa thể chạy trang web.",
        who_vi,
        f"Dừng chương trình đó, hoặc chạy trên cổng khác:  PORT={other} make run",
        "",
        f"Port {port} is already in use, so the site cannot start.",
        who_en,
        f"Stop that program, or choose another port:  PORT={other} make run",
    ]
    if port == 5000 and (system or platform.system()) == "Darwin":
        lines += [
            "",
            "macOS: AirPlay Receiver dùng cổng 5000 (Cài đặt hệ thống > Chung > AirDrop & Handoff).",
            "macOS: AirPlay Receiver uses port 5000 (System Settings > General > AirDrop & Handoff).",
        ]
    return "\n".join(lines)


def tell(text: str) -> None:
    """Say something to the person at `make run` (on stderr, so make shows it whatever happens)."""
    sys.stderr.write(text + "\n")


def main(argv: list[str]) -> int:
    """`python -m portal.devserver PORT`: exit 0 if the port is free, else explain and exit 1."""
    if len(argv) != 1 or not argv[0].isdigit() or not 0 < int(argv[0]) < 65536:
        tell(f"PORT phải là một số từ 1 đến 65535 / PORT must be a number from 1 to 65535: {argv}")
        return 2
    port = int(argv[0])
    try:
        if port_is_free(port):
            return 0
    except OSError as error:
        tell(f"Không dùng được cổng {port} / Cannot use port {port}: {error.strerror}")
        tell("Chọn cổng khác / Choose another port:  PORT=8000 make run")
        return 1
    tell(busy_port_message(port, port_holder(port)))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
