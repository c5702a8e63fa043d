"""A loopback HTTP server for aitrack's pull tests (nothing leaves the machine).

python3 upstream_server.py DIR   binds 127.0.0.1 on a free port, prints the port, serves:
  /files/NAME       DIR/NAME as text/csv
  /status/CODE      an empty answer with that status
  /redirect/NAME    302 to the same path on http://localhost:PORT (another host name)
  /moved/NAME       302 to /files/NAME on this host
  /html/NAME        an HTML page with status 200
  /truncated/NAME   announces the file's length, sends half of it, closes
  /stall/NAME       accepts and answers nothing for 20 s
It ends when its standard input closes (the test that started it is done) or after 10 minutes.
"""
import http.server, os, sys, threading, time

DIR = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_body(self, status, body, ctype="text/csv", length=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = self.path.strip("/").split("/", 1)
        kind, name = parts[0], parts[1] if len(parts) > 1 else ""
        path = os.path.join(DIR, os.path.basename(name))
        if kind == "status":
            self.send_body(int(name), b"")
        elif kind in ("redirect", "moved"):
            host = "localhost" if kind == "redirect" else "127.0.0.1"
            self.send_response(302)
            self.send_header("Location", f"http://{host}:{self.server.server_port}/files/{name}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif kind == "html":
            self.send_body(200, b"<!DOCTYPE html><html><body>Not found, try again</body></html>", "text/html")
        elif kind == "stall":
            time.sleep(20)
        elif not os.path.isfile(path):
            self.send_body(404, b"")
        elif kind == "truncated":
            data = open(path, "rb").read()
            self.send_body(200, data[: len(data) // 2], length=len(data))
            self.close_connection = True
        else:
            self.send_body(200, open(path, "rb").read())


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_port, flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
threading.Timer(600, lambda: os._exit(0)).start()
sys.stdin.read()
os._exit(0)
