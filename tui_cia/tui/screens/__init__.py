"""The screens of the app: home, entry, review, history and the dialogs."""
