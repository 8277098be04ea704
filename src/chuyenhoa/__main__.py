from chuyenhoa.cli.app import main

main()
