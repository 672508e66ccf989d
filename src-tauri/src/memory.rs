//! Giving memory back after the work queue's largest answers. glibc's allocator keeps freed
//! memory in its arenas for reuse; after building (and sending) the rows of a 20,000-project
//! queue that is tens of MiB the app no longer needs. Elsewhere (Windows, macOS, musl) the
//! system allocator returns it by itself, and this does nothing.

/// Returns freed heap memory to the system where the allocator keeps it.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the top of glibc's heaps and in its
    // arenas; it reads and changes nothing of ours and is safe to call from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}
