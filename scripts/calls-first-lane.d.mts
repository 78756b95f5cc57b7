export declare const CALL_PATH_PREFIXES: string[];
export declare const PER_LOOP_TURN: number;
export declare function isCallPath(target: string): boolean;
export declare function callsFirstLane(perLoopTurn?: number): (target: string, start: () => void) => void;
