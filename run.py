"""Development entry point: serves the app at http://127.0.0.1:5000 (`make run`)."""

from trainer import create_app

app = create_app()

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
