new<T>
