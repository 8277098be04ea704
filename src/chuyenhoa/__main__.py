from chuyenhoa.cli.fast import main

main()
