"""Make `snakemake --profile mac` (cpu, cuda, slurm) work as typed: link our profiles into Snakemake's
user profile directory. A profile of that name the user already has is left alone."""

import sys
from pathlib import Path

from snakemake.cli import get_appdirs

REPO = Path(__file__).resolve().parents[1]


def install(user_dir=None):
    user_dir = Path(user_dir or get_appdirs().user_config_dir)
    user_dir.mkdir(parents=True, exist_ok=True)
    for profile in sorted((REPO / "profiles").iterdir()):
        link = user_dir / profile.name
        if link.is_symlink() and link.resolve().parent == profile.parent.resolve():
            link.unlink()  # ours, perhaps from another checkout: point it here
        if link.exists() or link.is_symlink():
            print(f"kept your own profile {link}; use --profile profiles/{profile.name}", file=sys.stderr)
            continue
        link.symlink_to(profile.resolve(), target_is_directory=True)
        print(f"--profile {profile.name} → {profile}")


if __name__ == "__main__":
    install(sys.argv[1] if len(sys.argv) > 1 else None)
