"""Development entry point (`make run`): serves the app on 127.0.0.1, port 5000 or PORT.

When that port is busy (another app, a second checkout), it takes the next free one, and
says which address it really serves.
"""

import os
import socket

from trainer import create_app

HOST = "127.0.0.1"

app = create_app()


def free_port(wanted: int, tries: int = 20) -> int:
    """`wanted` if nothing listens there, else the next free port after it."""
    for port in range(wanted, wanted + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex((HOST, port)) != 0:
                return port
    raise SystemExit(
        f"Ports {wanted} to {wanted + tries - 1} are all busy: set PORT to a free one."
    )


def main() -> None:
    wanted = int(os.environ.get("PORT") or 5000)
    if os.environ.get("WERKZEUG_RUN_MAIN"):  # the reloader's child: the parent chose the port
        return app.run(host=HOST, port=wanted)
    port = free_port(wanted)
    if port != wanted:
        print(f"Port {wanted} is busy, so Heads Together uses port {port}.")
    print(f"Heads Together is at http://{HOST}:{port} (local trials only).", flush=True)
    os.environ["PORT"] = str(port)  # the reloader's child serves the same port
    app.run(host=HOST, port=port)


if __name__ == "__main__":
    main()
