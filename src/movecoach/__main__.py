"""`python -m movecoach` runs the same entry point as the installed script."""

from movecoach.entry import main

if __name__ == "__main__":
    main()
