.PHONY: run test bench install
install:
	bash scripts/install.sh --test
run:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
bench: install
	.venv/bin/python -m bench
