"""File ▸ Backups…, File ▸ Check notebook…, and the safety steps around opening and closing."""
