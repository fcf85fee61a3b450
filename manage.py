#!/usr/bin/env python
from technopark.__main__ import main

if __name__ == "__main__":
    main()
