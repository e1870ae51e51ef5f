from pathlib import Path

from embargo.settings import database_url, shared_data_dir


def test_path_means_sqlite(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"


def test_postgres_url_uses_psycopg() -> None:
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_env_default(monkeypatch) -> None:
    monkeypatch.setenv("EMBARGO_DB", "sqlite:///other.db")
    assert database_url(None) == "sqlite:///other.db"


def test_shared_data_found() -> None:
    assert (shared_data_dir() / "README.md").is_file()
