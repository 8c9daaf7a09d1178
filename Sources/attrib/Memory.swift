import Foundation

/// Allocator tuning for peak memory.
enum Memory {
    /// Fixes glibc's mmap threshold at 256 KB. glibc otherwise raises it after the first large
    /// free, so a long article's token and lexicon arrays come from the heap and stay as peak
    /// RSS. mallopt is not in Swift's Glibc module (malloc.h), hence the look-up by name.
    static func fixMmapThreshold() {
        #if os(Linux)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in malloc.h
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 256 << 10)
        #endif
    }

    /// Inputs at least this large give their freed analysis memory back before rendering, and
    /// with several workers are analysed one at a time, in their turn.
    static let largeFileBytes = 1 << 20

    /// An analysis in memory per byte of its text, about: tokens, sentences, spans and lexicon
    /// tables (a 4 MB file's took 35 MB).
    static let analysisBytesPerTextByte = 8

    /// Returns freed heap pages to the system (glibc's malloc_trim). A long article's analysis
    /// frees tens of megabytes of small blocks that glibc keeps resident; its result is written
    /// next, and without this the two would add up in peak RSS.
    static func releaseFreed() {
        #if os(Linux)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
