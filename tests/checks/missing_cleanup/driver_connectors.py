# path: app/query_runner/warehouses.py
"""Query runners built per data source, each opening a driver connection."""
import select

import duckdb
import psycopg2
import pyodbc


def _wait(conn, timeout=None):
    while True:
        state = conn.poll()
        if state == psycopg2.extensions.POLL_OK:
            return
        select.select([conn.fileno()], [], [], timeout)


class OdbcRunner:
    def __init__(self, dsn):
        self.dsn = dsn

    def _cursor(self):
        # a new connection per call; only its cursor is handed out
        connection = pyodbc.connect(self.dsn, autocommit=True)  # expect: missing_cleanup HIGH
        return connection.cursor()

    def tables(self):
        connection = pyodbc.connect(
            self.dsn,
            autocommit=True,
        )
        try:
            return [row.table_name for row in connection.cursor().tables()]
        finally:
            connection.close()


class EmbeddedRunner:
    def __init__(self, path):
        self.path = path
        self._connect()

    def _connect(self):
        # kept on the runner, which has no close and never closes it
        self.con = duckdb.connect(self.path)  # expect: missing_cleanup HIGH

    def run(self, sql):
        return self.con.execute(sql).fetchall()


class ClosingRunner:
    def __init__(self, path):
        self.con = duckdb.connect(path)

    def __exit__(self, *exc):
        self.con.close()


class PostgresRunner:
    def __init__(self, dsn):
        self.dsn = dsn

    def _get_connection(self):
        connection = psycopg2.connect(self.dsn, async_=True)
        return connection

    def run(self, sql):
        # a connect timeout on the next line skips the finally below
        connection = self._get_connection()  # expect: error_path_leak MEDIUM
        _wait(connection, timeout=10)
        cursor = connection.cursor()
        try:
            cursor.execute(sql)
            _wait(connection)
            return cursor.fetchall()
        finally:
            connection.close()

    def run_guarded(self, sql):
        connection = self._get_connection()
        try:
            _wait(connection, timeout=10)
            cursor = connection.cursor()
            cursor.execute(sql)
            _wait(connection)
            return cursor.fetchall()
        finally:
            connection.close()
