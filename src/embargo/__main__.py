from embargo.cli import main

main()
