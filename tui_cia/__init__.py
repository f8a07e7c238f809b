"""tui-cia: survey entry and community radar analysis in the terminal."""

__version__ = "0.1.0"
