import TendCLI

TendCommand.runMain()
