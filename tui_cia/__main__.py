"""`python -m tui_cia` runs the command line."""

from tui_cia.cli import main

if __name__ == "__main__":
    main()
