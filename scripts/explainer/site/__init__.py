"""The site hooks: what runs inside MkDocs (listed under `hooks:`), each step a tested function."""
