def write_all(out, node):
    pass
