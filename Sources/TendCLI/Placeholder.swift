public struct TendCommand { public static func main() {} }
