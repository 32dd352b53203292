from giangvien.cli import main

raise SystemExit(main())
