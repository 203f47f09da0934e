"""Operator commands (not Django)."""
import sys

from app.server import main

if __name__ == "__main__":
    main(sys.argv[1:])
