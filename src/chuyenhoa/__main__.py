from chuyenhoa.cli import main

main()
