"""The schema comes from the migrations, with one head and no drift from the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from tests.settings import suite_config
from trainer import create_app
from trainer.extensions import db as _db


def _script(app) -> ScriptDirectory:
    return ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())


def test_one_alembic_head(app):
    with app.app_context():
        assert len(_script(app).get_heads()) == 1


def test_models_match_migrations(app):
    with app.app_context(), _db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, _db.metadata)
    assert differences == [], f"models and migrations differ: {differences}"


def test_downgrade_to_nothing_and_back(tmp_path):
    app = create_app("test", suite_config(f"sqlite:///{tmp_path / 'round-trip.db'}"))
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert _db.inspect(_db.engine).get_table_names() == ["alembic_version"]
        upgrade()
        assert "training_sessions" in _db.inspect(_db.engine).get_table_names()
        _db.engine.dispose()
