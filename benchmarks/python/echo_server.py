"""Python asyncio peer of the echo-server benchmark: asyncio streams, the same program as
benchmarks/src/main/java/org/asyncio4j/bench/echo/Asyncio4jEchoServer.java.

    python3 benchmarks/python/echo_server.py [PORT]

Listens on 127.0.0.1 (port 0 or absent: an ephemeral port), prints "LISTENING <port>" once it
accepts connections, and exits when its standard input closes. Standard library only.
"""
import asyncio
import os
import sys
import threading

READ_SIZE = 64 * 1024


async def echo(reader, writer):
    while True:
        data = await reader.read(READ_SIZE)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()


async def main(port):
    server = await asyncio.start_server(echo, "127.0.0.1", port)
    print("LISTENING", server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


def exit_when_stdin_closes():
    def watch():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


if __name__ == "__main__":
    exit_when_stdin_closes()
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
