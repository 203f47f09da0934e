engine = create_engine("sqlite://", pool_size=77)
