import TendCLI
TendCommand.main()
