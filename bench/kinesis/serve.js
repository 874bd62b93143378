// Starts kinesalite in memory on 127.0.0.1 only (its own CLI listens on every interface) and
// prints the ready line scripts/bench kinesis waits for. Usage: node serve.js PORT
const kinesalite = require('kinesalite')
const port = Number(process.argv[2])
const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 })
server.listen(port, '127.0.0.1', () => console.log('kinesalite ready: http://127.0.0.1:' + server.address().port))
